using Mesos.Hosting.Resources;
using Mesos.V1;

namespace MyFramework;

/// <summary>
/// The executor the framework launches, one per agent: the MyFramework.Executor program, which the image carries
/// NativeAOT-compiled beside the scheduler (see the Dockerfile). In a container it runs from the image in
/// Work:ExecutorImage (ContainerInfo MESOS with a Docker image).
/// </summary>
public static class FrameworkExecutor
{
    // Where the Dockerfile publishes the executor: under the scheduler's own folder, in the same image.
    private static string Published => Path.Combine(AppContext.BaseDirectory, "executor", "MyFramework.Executor");

    public static ExecutorInfo Create(WorkOptions options)
    {
        var executor = new ExecutorInfo
        {
            ExecutorId = new ExecutorID { Value = "myframework-executor" },
            Name = "MyFramework executor",
            Command = new CommandInfo { Value = options.ExecutorCommand ?? $"\"{Published}\"", Shell = true },
        };
        if (options.ExecutorImage is { Length: > 0 } image)
        {
            executor.Container = new ContainerInfo
            {
                Type = ContainerInfo.Types.Type.Mesos,
                Mesos = new ContainerInfo.Types.MesosInfo { Image = new Image { Type = Image.Types.Type.Docker, Docker = new Image.Types.Docker { Name = image } } },
            };
        }

        // The executor's own overhead: the offer matcher takes it from an agent with the first task it places there.
        executor.Resources.Add(MesosResources.Scalar(MesosResources.Cpus, 0.1));
        executor.Resources.Add(MesosResources.Scalar(MesosResources.Mem, 128));
        return executor;
    }
}
