namespace Lvbs.Kernel.Crypto.Curve25519;

/// <summary>
/// An element of GF(2^255 - 19) in radix 2^51: value = L0 + L1·2^51 + L2·2^102 + L3·2^153 + L4·2^204.
/// </summary>
/// <remarks>
/// A plain struct of five limbs rather than a span: the arithmetic in <see cref="Field25519"/>
/// takes it by reference, so there are no bounds checks, no slicing and no stackalloc per
/// operation, and the JIT keeps the limbs in registers inside each operation.
/// </remarks>
public struct FieldElement
{
    /// <summary>Limb 0 (bits 0..50).</summary>
    public ulong L0;

    /// <summary>Limb 1 (bits 51..101).</summary>
    public ulong L1;

    /// <summary>Limb 2 (bits 102..152).</summary>
    public ulong L2;

    /// <summary>Limb 3 (bits 153..203).</summary>
    public ulong L3;

    /// <summary>Limb 4 (bits 204..254).</summary>
    public ulong L4;

    /// <summary>An element from its five limbs.</summary>
    public FieldElement(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4)
    {
        L0 = l0;
        L1 = l1;
        L2 = l2;
        L3 = l3;
        L4 = l4;
    }

    /// <summary>The element 0.</summary>
    public static FieldElement Zero => default;

    /// <summary>The element 1.</summary>
    public static FieldElement One => new FieldElement(1, 0, 0, 0, 0);
}
