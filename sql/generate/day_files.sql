-- The day's delivery files: where each goes in the S3 layout, with CloudTrail's file name
-- <account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<16 random characters> (the 5-minute interval's start),
-- without the extension (.json.gz or .parquet).
CREATE OR REPLACE TEMP TABLE gen_day_files AS
SELECT
    f.file_no,
    'AWSLogs/' || a.account_id || '/CloudTrail/' || r.region || '/' || strftime(t.day_start, '%Y/%m/%d') || '/'
        || a.account_id || '_CloudTrail_' || r.region || '_'
        || strftime(t.day_start + to_minutes(5 * (f.file_no // 9)), '%Y%m%dT%H%MZ') || '_'
        || gen_chars(hash(g.seed, t.day_no, f.file_no, 'name1'), hash(g.seed, t.day_no, f.file_no, 'name2'),
                     'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 16) AS relative_path,
    f.events
FROM (SELECT file_no, count(*) AS events FROM gen_day GROUP BY file_no) f
JOIN gen_accounts a ON a.account_no = (f.file_no // 3) % 3
JOIN gen_regions r ON r.region_no = f.file_no % 3
CROSS JOIN gen_today t
CROSS JOIN gen_params g;
