using Lvbs.Hypervisor.Abstractions;

namespace Lvbs.Hypervisor.KvmPlanes.Backend;

/// <summary>
/// The guest side of KVM planes: the guest sees Hyper-V VSM hypercalls (VSM flavour) or
/// SEV-SNP VMPLs (SNP flavour), so the secure kernel runs the matching backend; this gates it
/// with the planes row so protections planes cannot enforce are refused, not faked.
/// </summary>
public static class KvmPlanesPlatform
{
    /// <summary>The VSM flavour: <paramref name="hyperVBackend"/> gated by <see cref="KvmPlanesCapabilities"/>.</summary>
    public static ISecurePlatform VsmFlavour(ISecurePlatform hyperVBackend)
    {
        return new CapabilityGatedPlatform(hyperVBackend, KvmPlanesCapabilities.Create());
    }
}
