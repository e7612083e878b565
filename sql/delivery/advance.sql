-- Moves a consumer's cursor to $upto (never back), once its records were written and flushed.
INSERT INTO delivery_consumers (consumer, cursor, records_delivered, created_at, delivered_at)
VALUES ($consumer, $upto, $records, $now, $now)
ON CONFLICT (consumer) DO UPDATE SET
    cursor = greatest(delivery_consumers.cursor, excluded.cursor),
    records_delivered = delivery_consumers.records_delivered + excluded.records_delivered,
    delivered_at = excluded.delivered_at
