-- The call succeeded (Elastic's event.outcome: "success"): no errorCode and no errorMessage ('' is absent).
error_code IS NULL AND error_message IS NULL
