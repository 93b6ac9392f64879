namespace Interop.Generator.Frontend;

/// <summary>Path arithmetic on strings only: the generator must not touch the file system.</summary>
internal static class PathText
{
    public static string Normalize(string path)
    {
        path = path.Replace('\\', '/');
        var rooted = path.StartsWith("/", StringComparison.Ordinal);
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        var joined = string.Join("/", parts);
        return rooted ? "/" + joined : joined;
    }

    public static string Directory(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path.Substring(0, slash + 1);
    }

    public static string FileName(string path) => path.Substring(path.LastIndexOf('/') + 1);
}
