using MyFramework;

// The scheduler, on the master in appsettings.json (MyFramework.Local runs it on a local cluster). It stops itself
// once its work is done, with exit code 1 if some of it failed on every attempt.
#if (executor)
// Its tasks run under MyFramework.Executor, a program of its own that the agents start (see FrameworkExecutor.cs).
#endif
await using var app = FrameworkApp.Create(args);
await app.RunAsync();
