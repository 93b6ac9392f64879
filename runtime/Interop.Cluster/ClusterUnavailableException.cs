namespace Interop.Cluster;

/// <summary>
/// A map could not finish because no silo could run one of its chunks: every attempt was lost (the
/// cluster's last silo died, or no gateway answers). Not a task's failure: the tasks never ran to an answer.
/// </summary>
public sealed class ClusterUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClusterUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
