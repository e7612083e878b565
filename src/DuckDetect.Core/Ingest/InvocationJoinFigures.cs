namespace DuckDetect.Core.Ingest;

/// <summary>The matches one join made (<see cref="InvocationJoin"/>): by request id, and by time.</summary>
public sealed record InvocationJoinFigures(long ByRequestId, long ByTime);
