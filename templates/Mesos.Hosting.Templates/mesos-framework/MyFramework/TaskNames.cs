namespace MyFramework;

#if (executor)
/// <summary>
/// The names the scheduler gives its tasks (their IDs start with them). The executor, which tells the service's tasks
/// from the batch's by them, compiles this file too.
/// </summary>
#else
/// <summary>The names the scheduler gives its tasks (their IDs start with them).</summary>
#endif
internal static class TaskNames
{
    /// <summary>The batch's tasks.</summary>
    public const string Work = "work";

    /// <summary>The service's instances.</summary>
    public const string Service = "server";
}
