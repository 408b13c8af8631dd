namespace NixGen.Planning;

/// <summary>What a service's hashes are made from, so what its fingerprint holds.</summary>
internal enum HashInputs
{
    /// <summary>A vendorHash: the vendor/ tree Go writes from go.mod, go.sum, imports, local replaces and its own release.</summary>
    VendorTree,

    /// <summary>Modules mode: the hash of each module file go.sum names; no library edit and no Go changes them.</summary>
    ModuleFiles,

    /// <summary>Nothing to fetch (no dependencies, only local replaces, or a committed vendor/): null whatever the sources.</summary>
    Nothing,
}
