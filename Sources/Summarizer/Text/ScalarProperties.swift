extension Unicode.Scalar {
    /// `properties.isLowercase`, answered without the property table for ASCII (where exactly
    /// `a`–`z` have the Lowercase property, Unicode DerivedCoreProperties.txt).
    @inline(__always)
    var isLowercaseLetter: Bool {
        value < 0x80 ? value &- 0x61 < 26 : properties.isLowercase
    }

    /// `properties.isUppercase`, answered without the property table for ASCII (`A`–`Z`).
    @inline(__always)
    var isUppercaseLetter: Bool {
        value < 0x80 ? value &- 0x41 < 26 : properties.isUppercase
    }

    /// `properties.isAlphabetic`, answered without the property table for ASCII (`A`–`Z`, `a`–`z`).
    @inline(__always)
    var isAlphabeticLetter: Bool {
        value < 0x80 ? (value | 0x20) &- 0x61 < 26 : properties.isAlphabetic
    }

    /// `properties.isWhitespace`, answered without the property table for ASCII (U+0009–U+000D
    /// and U+0020, Unicode PropList.txt White_Space).
    @inline(__always)
    var isWhitespaceScalar: Bool {
        value < 0x80 ? value == 0x20 || value &- 0x09 < 5 : properties.isWhitespace
    }
}
