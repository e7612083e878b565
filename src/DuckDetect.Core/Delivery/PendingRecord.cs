namespace DuckDetect.Core.Delivery;

/// <summary>One record a consumer has not been sent yet: the change's number and the record as JSON.</summary>
public sealed record PendingRecord(long ChangeSeq, string Json);
