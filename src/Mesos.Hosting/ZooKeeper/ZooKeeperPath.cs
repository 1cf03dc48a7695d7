using System.Globalization;

namespace Mesos.Hosting.ZooKeeper;

/// <summary>
/// Node paths: the rules the server enforces (PathUtils.validatePath), checked before a request is
/// sent so that a bad path fails with a message naming what is wrong, and the chroot prefix.
/// </summary>
internal static class ZooKeeperPath
{
    /// <summary>Throws <see cref="ArgumentException"/> naming what is wrong with <paramref name="path"/>, if anything.</summary>
    public static void Validate(string path, bool sequential = false)
    {
        if (Problem(path, sequential) is { } problem)
        {
            throw new ArgumentException($"The ZooKeeper path '{path}' is invalid: {problem}.", nameof(path));
        }
    }

    /// <summary>What is wrong with <paramref name="path"/>, or null.</summary>
    public static string? Problem(string path, bool sequential = false)
    {
        if (path.Length == 0)
        {
            return "it is empty";
        }

        if (path[0] != '/')
        {
            return "it must start with /";
        }

        if (path.Length == 1)
        {
            return null;
        }

        // A sequential create may end with '/': the server appends the counter as the name.
        if (path[^1] == '/' && !sequential)
        {
            return "it must not end with /";
        }

        var segments = path[1..].Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.Length == 0 && !(sequential && i == segments.Length - 1))
            {
                return "it has an empty node name";
            }

            if (segment is "." or "..")
            {
                return "relative names (. and ..) are not allowed";
            }

            foreach (var c in segment)
            {
                if (IsForbidden(c))
                {
                    return string.Create(CultureInfo.InvariantCulture, $"the character U+{(int)c:X4} is not allowed");
                }
            }
        }

        return null;
    }

    public static string Combine(string parent, string name) => parent == "/" ? "/" + name : parent + "/" + name;

    /// <summary>The last node name of <paramref name="path"/>.</summary>
    public static string Name(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>The path as the server knows it, below <paramref name="chroot"/> ("" for none).</summary>
    public static string ToServer(string chroot, string path) => chroot.Length == 0 ? path : path == "/" ? chroot : chroot + path;

    /// <summary>A path the server sent, as the caller knows it; null when it lies outside <paramref name="chroot"/>.</summary>
    public static string? ToClient(string chroot, string serverPath)
    {
        if (chroot.Length == 0)
        {
            return serverPath;
        }

        if (serverPath == chroot)
        {
            return "/";
        }

        return serverPath.StartsWith(chroot + "/", StringComparison.Ordinal) ? serverPath[chroot.Length..] : null;
    }

    // The ranges the server refuses: controls, surrogates and private use, and the specials.
    private static bool IsForbidden(char c) =>
        c <= '\u001f' || (c >= '\u007f' && c <= '\u009f') || (c >= '\ud800' && c <= '\uf8ff') || c >= '\ufff0';
}
