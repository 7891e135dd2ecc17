using Azure;

namespace MingXin.Bot.Storage;

/// <summary>Tells a storage outage (retry later) from a real error.</summary>
public static class StorageFailure
{
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 or 408 or 500 or 502 or 503 or 504 } => true,
        RequestFailedException => false,
        HttpRequestException => true,
        TaskCanceledException or OperationCanceledException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsUnavailable),
        _ when exception.InnerException is not null => IsUnavailable(exception.InnerException),
        _ => false,
    };
}
