-- The shell and code execution fragments of Elastic's rule "AWS Bedrock High Risk Filesystem or Execution Tool
-- Invocation" (execution_bedrock_high_risk_tool_invocation), matched in the lower-cased request body.
['/bin/sh', '/bin/bash', 'sh -c', 'cmd.exe', 'powershell', 'exec(', 'os.system', 'subprocess', 'python -c',
 'python3 -c', 'curl ', 'wget ', '/dev/tcp/', 'nc -e', 'ncat ', 'socat ', 'openssl s_client', 'perl -e', 'ruby -e',
 'php -r', 'node -e', 'base64 -d', 'bash -i']
