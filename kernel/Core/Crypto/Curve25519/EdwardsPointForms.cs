namespace Lvbs.Kernel.Crypto.Curve25519;

/// <summary>
/// A point of edwards25519 in extended coordinates (X : Y : Z : T): x = X/Z, y = Y/Z, x·y = T/Z
/// (Hisil–Wong–Carter–Dawson 2008).
/// </summary>
public struct ExtendedPoint
{
    /// <summary>X coordinate.</summary>
    public FieldElement X;

    /// <summary>Y coordinate.</summary>
    public FieldElement Y;

    /// <summary>Z coordinate.</summary>
    public FieldElement Z;

    /// <summary>T = X·Y/Z.</summary>
    public FieldElement T;

    /// <summary>The neutral element (0 : 1 : 1 : 0).</summary>
    public static ExtendedPoint Identity
    {
        get
        {
            ExtendedPoint p = default;
            p.Y.L0 = 1;
            p.Z.L0 = 1;
            return p;
        }
    }
}

/// <summary>
/// A point pre-transformed for addition (Y+X, Y-X, Z, 2d·T): adding it costs 8 multiplications
/// instead of 9. Negation is swapping the first two fields and negating the last.
/// </summary>
public struct CachedPoint
{
    /// <summary>Y + X.</summary>
    public FieldElement YPlusX;

    /// <summary>Y - X.</summary>
    public FieldElement YMinusX;

    /// <summary>Z.</summary>
    public FieldElement Z;

    /// <summary>2d·T.</summary>
    public FieldElement T2d;
}

/// <summary>
/// An affine point in Niels form (y+x, y-x, 2d·x·y), i.e. a cached point with Z = 1: adding it
/// costs 7 multiplications. The neutral element is (1, 1, 0).
/// </summary>
public struct NielsPoint
{
    /// <summary>y + x.</summary>
    public FieldElement YPlusX;

    /// <summary>y - x.</summary>
    public FieldElement YMinusX;

    /// <summary>2d·x·y.</summary>
    public FieldElement XY2d;
}
