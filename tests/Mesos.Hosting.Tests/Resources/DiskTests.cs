using Mesos.Hosting.Resources;
using Mesos.V1;

namespace Mesos.Hosting.Tests.Resources;

/// <summary>Disks: exclusive MOUNT sources and persistent volumes are whole things; shared volumes are counted.</summary>
public sealed class DiskTests
{
    [Fact]
    public void Two_mount_disks_never_merge_into_one()
    {
        var set = ResourceSet.Of(R.MountDisk("/mnt/a", 100), R.MountDisk("/mnt/a", 100), R.Scalar(MesosResources.Disk, 50), R.Scalar(MesosResources.Disk, 50));

        Assert.Equal(3, set.Count);
        Assert.Equal(300, set.Disk);
    }

    [Fact]
    public void Path_disks_on_the_same_root_combine_and_on_another_do_not()
    {
        static Resource PathDisk(string root, double mb)
        {
            var disk = R.Scalar(MesosResources.Disk, mb);
            disk.Disk = new Resource.Types.DiskInfo
            {
                Source = new Resource.Types.DiskInfo.Types.Source
                {
                    Type = Resource.Types.DiskInfo.Types.Source.Types.Type.Path,
                    Path = new Resource.Types.DiskInfo.Types.Source.Types.Path { Root = root },
                },
            };
            return disk;
        }

        var set = ResourceSet.Of(PathDisk("/data", 100), PathDisk("/data", 50), PathDisk("/scratch", 10));

        Assert.Equal(2, set.Count);
        Assert.True(set.Contains(PathDisk("/data", 120)));
        Assert.False(set.Contains(PathDisk("/scratch", 20)));
        Assert.Equal("disk[PATH:/data]:150; disk[PATH:/scratch]:10", set.ToString());
    }

    [Fact]
    public void A_mount_disk_is_taken_whole_or_not_at_all()
    {
        var set = ResourceSet.Of(R.MountDisk("/mnt/a", 100));

        Assert.False(set.Contains(R.MountDisk("/mnt/a", 40)));
        Assert.True(set.Contains(R.MountDisk("/mnt/a", 100)));
        Assert.Equal(set, set.Subtract(R.MountDisk("/mnt/a", 40)));
        Assert.Empty(set.Subtract(R.MountDisk("/mnt/a", 100)));
        Assert.True(set.Single().IsDisk(Resource.Types.DiskInfo.Types.Source.Types.Type.Mount));
    }

    [Fact]
    public void Persistent_volumes_are_kept_apart_and_found_by_filter()
    {
        var set = ResourceSet.Of(R.Volume("data-1", 64), R.Volume("data-2", 64), R.Dynamic(R.Scalar(MesosResources.Disk, 64), "db", "ops"));

        Assert.Equal(3, set.Count);
        Assert.Equal(2, set.PersistentVolumes().Count);
        Assert.False(set.Contains(R.Volume("data-1", 32)));
        Assert.True(set.Contains(R.Volume("data-1", 64)));
    }

    [Fact]
    public void The_volume_a_disk_is_mounted_as_does_not_change_what_it_is()
    {
        var mounted = R.Volume("data-1", 64);
        mounted.Disk.Volume = new Volume { ContainerPath = "data", Mode = Volume.Types.Mode.Rw };

        Assert.True(ResourceSet.Of(R.Volume("data-1", 64)).Contains(mounted));
    }

    [Fact]
    public void A_shared_volume_counts_its_copies()
    {
        var shared = R.Volume("data-1", 64, shared: true);
        var twice = ResourceSet.Of(shared, shared);

        Assert.Equal(2, twice.CountOf(shared));
        Assert.Equal(2, twice.Count);
        Assert.Equal(1, twice.Subtract(shared).CountOf(shared));
        Assert.True(twice.Contains(ResourceSet.Of(shared, shared)));
        Assert.False(twice.Subtract(shared).Contains(ResourceSet.Of(shared, shared)));
        Assert.Equal(2, twice.Shared().Count);
        Assert.Empty(twice.NonShared());
        Assert.EndsWith("<SHARED>:64<2>", twice.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Revocable_resources_are_kept_apart_from_the_rest()
    {
        var revocable = R.Cpus(2);
        revocable.Revocable = new Resource.Types.RevocableInfo();
        var set = ResourceSet.Of(R.Cpus(1), revocable);

        Assert.Equal(2, set.Count);
        Assert.Equal(2, set.Revocable().Cpus);
        Assert.Equal(1, set.NonRevocable().Cpus);
        Assert.False(set.NonRevocable().Contains(revocable));
        Assert.Contains("{REV}", set.ToString(), StringComparison.Ordinal);
    }
}
