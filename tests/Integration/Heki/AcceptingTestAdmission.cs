using System;
using System.Collections.Generic;
using System.Text;
using Lvbs.Abi.Heki;
using Lvbs.Kernel.Heki.Modules;
using Lvbs.Kernel.Modules;

namespace Lvbs.Tests.Integration.Heki;

/// <summary>
/// A test-only admission that isolates the VALIDATE_MODULE frame transaction from the
/// verifiers: it accepts a module whose .ko bytes start with "GOOD", refuses others with
/// EKEYREJECTED, records what it saw, resolves the imports listed after "GOOD:" (comma
/// separated) through the registry's resolver and exports "name=0xaddr" pairs listed after ";".
/// </summary>
internal sealed class AcceptingTestAdmission : IModuleAdmission
{
    public List<LoadedModule> Seen { get; } = new();

    public Dictionary<string, ulong> Resolved { get; } = new(StringComparer.Ordinal);

    public int ContentResult { get; set; }

    public int VerifySignature(ReadOnlySpan<byte> signedModule, out int bodyLength)
    {
        bodyLength = signedModule.Length;
        return signedModule.Length >= 4 && Encoding.ASCII.GetString(signedModule.Slice(0, 4)) == "GOOD" ? 0 : (int)LinuxErrno.EKEYREJECTED;
    }

    public int ValidateContent(ReadOnlySpan<byte> elfBody, LoadedModule loaded, IModuleSymbolResolver symbols, out AdmittedModule? admitted)
    {
        admitted = null;
        Seen.Add(loaded);
        if (ContentResult != 0)
        {
            return ContentResult;
        }

        string text = Encoding.ASCII.GetString(elfBody).TrimEnd('\0');
        string[] parts = text.Length > 5 ? text.Substring(5).Split(';') : new[] { "" };
        foreach (string import in parts[0].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!symbols.TryResolve(Encoding.ASCII.GetBytes(import), true, out ulong a, out _))
            {
                return (int)LinuxErrno.ENOENT;
            }

            Resolved[import] = a;
        }

        var exports = new Dictionary<string, ulong>(StringComparer.Ordinal);
        if (parts.Length > 1)
        {
            foreach (string e in parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] kv = e.Split('=');
                exports[kv[0]] = Convert.ToUInt64(kv[1], 16);
            }
        }

        admitted = new AdmittedModule(new DictionaryResolver(exports), null);
        return 0;
    }

    private sealed class DictionaryResolver : IModuleSymbolResolver
    {
        private readonly Dictionary<string, ulong> _map;

        public DictionaryResolver(Dictionary<string, ulong> map) => _map = map;

        public bool TryResolve(ReadOnlySpan<byte> name, bool gplOk, out ulong address, out ResolvedSymbolFlags flags)
        {
            flags = ResolvedSymbolFlags.None;
            return _map.TryGetValue(Encoding.ASCII.GetString(name), out address);
        }
    }
}
