using Mesos.Hosting.TestSupport.Workloads;
using Mesos.Hosting.Workloads;

namespace Mesos.Hosting.Tests.Workloads;

/// <summary>The store contract on the in-memory store: every "new instance" is the one instance, as two hosts in one process share it.</summary>
public sealed class InMemoryWorkloadStoreTests : WorkloadStoreContract
{
    private readonly InMemoryWorkloadStore _store = new();

    protected override Task<IWorkloadStore> CreateStoreAsync() => Task.FromResult<IWorkloadStore>(_store);
}
