-- The day's delivery files: where each goes in the S3 layout, with CloudTrail's file name
-- <account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<16 random characters> (the delivery interval's start),
-- without the extension (.json.gz or .parquet). The events are numbered by 5-minute file (file_no); with a longer
-- delivery interval (file_minutes) a file gathers that many minutes of one account and region: its number is the
-- first 5-minute file_no it holds (gen_delivery_no).
CREATE OR REPLACE TEMP TABLE gen_day_files AS
SELECT
    f.delivery_no AS file_no,
    'AWSLogs/' || a.account_id || '/CloudTrail/' || r.region || '/' || strftime(t.day_start, '%Y/%m/%d') || '/'
        || a.account_id || '_CloudTrail_' || r.region || '_'
        || strftime(t.day_start + to_minutes(g.file_minutes * (f.delivery_no // 9 // (g.file_minutes // 5))), '%Y%m%dT%H%MZ') || '_'
        || gen_chars(hash(g.seed, t.day_no, f.delivery_no, 'name1'), hash(g.seed, t.day_no, f.delivery_no, 'name2'),
                     'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 16) AS relative_path,
    f.events
FROM (SELECT gen_delivery_no(d.file_no, p.file_minutes) AS delivery_no, count(*) AS events
      FROM gen_day d CROSS JOIN gen_params p GROUP BY ALL) f
JOIN gen_accounts a ON a.account_no = (f.delivery_no // 3) % 3
JOIN gen_regions r ON r.region_no = f.delivery_no % 3
CROSS JOIN gen_today t
CROSS JOIN gen_params g;
