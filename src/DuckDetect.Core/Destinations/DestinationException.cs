namespace DuckDetect.Core.Destinations;

/// <summary>
/// A destination could not be used or did not accept a delivery. Its message is already free of secrets: it is what
/// the delivery step records in destination_state and prints.
/// </summary>
public sealed class DestinationException(string message) : Exception(message);
