using System.Reflection;

namespace Mesos.Hosting.Executor.Tests;

/// <summary>
/// Type names in the two spellings <see cref="ContainerCallSites"/> meets: <see cref="Type.ToString"/>'s, which the
/// container's events use (<c>Ns.Name`1[Ns.Argument]</c>), and a NativeAOT runtime directive's, which qualifies each type
/// argument with its assembly (<c>Ns.Name`1[[Ns.Argument,Assembly]]</c>).
/// </summary>
internal static class RuntimeTypeNames
{
    /// <summary>The loaded type that <paramref name="name"/>, in <see cref="Type.ToString"/>'s spelling, names.</summary>
    public static Type Resolve(string name)
    {
        if (name.EndsWith("[]", StringComparison.Ordinal))
        {
            return Resolve(name[..^2]).MakeArrayType();
        }

        var open = name.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return Loaded(name);
        }

        var arguments = TopLevelArguments(name[(open + 1)..^1]).Select(Resolve).ToArray();
        return Loaded(name[..open]).MakeGenericType(arguments);
    }

    /// <summary>The assembly a directive for <paramref name="type"/> sits under: its generic definition's, or its element type's.</summary>
    public static string DefiningAssembly(Type type)
        => (type.IsArray ? DefiningAssembly(type.GetElementType()!) : type.Assembly.GetName().Name)!;

    /// <summary><paramref name="type"/> as a runtime directive's Type element names it.</summary>
    public static string DirectiveName(Type type)
    {
        if (type.IsArray)
        {
            return DirectiveName(type.GetElementType()!) + "[]";
        }

        if (!type.IsGenericType)
        {
            return type.FullName!;
        }

        var arguments = type.GetGenericArguments().Select(a => $"[{DirectiveName(a)},{a.Assembly.GetName().Name}]");
        return $"{type.GetGenericTypeDefinition().FullName}[{string.Join(",", arguments)}]";
    }

    /// <summary>Whether <paramref name="type"/>, its element type or any of its type arguments is defined in <paramref name="assembly"/>.</summary>
    public static bool Mentions(Type type, Assembly assembly)
        => type.Assembly == assembly
            || (type.IsArray && Mentions(type.GetElementType()!, assembly))
            || (type.IsGenericType && type.GetGenericArguments().Any(a => Mentions(a, assembly)));

    private static Type Loaded(string fullName)
        => AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(fullName)).FirstOrDefault(t => t is not null)
            ?? throw new InvalidOperationException($"No loaded assembly defines {fullName}.");

    // "A`1[B],C" is two arguments: the commas that separate are those outside every bracket.
    private static List<string> TopLevelArguments(string list)
    {
        var arguments = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            switch (list[i])
            {
                case '[':
                    depth++;
                    break;
                case ']':
                    depth--;
                    break;
                case ',' when depth == 0:
                    arguments.Add(list[start..i]);
                    start = i + 1;
                    break;
            }
        }

        arguments.Add(list[start..]);
        return arguments;
    }
}
