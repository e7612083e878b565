-- Always: the rule state moves with every run, and the snapshot's info is written again (info.sql).
DELETE FROM published.rule_state;
INSERT INTO published.rule_state SELECT * FROM rule_state;
DELETE FROM published.publish_info;
