namespace DuckDetect.Core.Delivery;

/// <summary>What one delivery sent: the consumer's cursor before and after, and the records written.</summary>
public sealed record DeliverySummary(string Consumer, long FromCursor, long ToCursor, int Records);
