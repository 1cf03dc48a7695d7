namespace Mesos.Hosting.Templates.Tests;

/// <summary>The onboarding steps of the template's README: its first <c>sh</c> block, one command a line, comments dropped.</summary>
internal static class ReadmeOnboarding
{
    public static async Task<IReadOnlyList<string[]>> StepsAsync(string readme)
    {
        var lines = await File.ReadAllLinesAsync(readme);
        var start = Array.IndexOf(lines, "```sh");
        Assert.True(start >= 0, $"{readme} has no ```sh block of onboarding steps");
        return lines.Skip(start + 1)
            .TakeWhile(line => line != "```")
            .Select(line => line.Split('#')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Length > 0)
            .ToList();
    }
}
