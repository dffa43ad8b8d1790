namespace Lvbs.Crypto.Conformance.Wycheproof;

/// <summary>
/// The <c>result</c> field of a Wycheproof v1 test: whether a conforming implementation must
/// accept the input, must reject it, or may do either (the flags then say why).
/// </summary>
public enum WycheproofResult
{
    /// <summary>The input is correct and must be accepted.</summary>
    Valid,

    /// <summary>The input is malformed or forged and must be rejected.</summary>
    Invalid,

    /// <summary>Either outcome is conforming; see the test's flags.</summary>
    Acceptable,
}
