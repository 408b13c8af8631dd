using System.Globalization;

namespace NixGen.GoModules;

/// <summary>The lexer half of <see cref="SyntaxParser"/>: runes, tokens, strings and comments, as x/mod/modfile reads them.</summary>
internal partial class SyntaxParser
{
    private enum Kind
    {
        Eof,
        Newline,
        LParen,
        RParen,
        Other,
        Comment,
        EolComment,
    }

    private readonly record struct Lexeme(Kind Kind, string Text, Position Start);

    private GoModParseException Error(Position at, string reason) => new(_file, at, reason);

    private Position Here => new(_line, _column, _byte);

    private bool AtEof => _index >= _text.Length;

    private int PeekRuneSafe()
    {
        if (AtEof)
        {
            return -1;
        }

        var c = _text[_index];
        if (char.IsHighSurrogate(c) && _index + 1 < _text.Length && char.IsLowSurrogate(_text[_index + 1]))
        {
            return char.ConvertToUtf32(c, _text[_index + 1]);
        }

        return c;
    }

    private void ReadRune()
    {
        var r = PeekRuneSafe();
        var width = r > 0xFFFF ? 2 : 1;
        _index += width;
        _byte += r < 0x80 ? 1 : r < 0x800 ? 2 : r < 0x10000 ? 3 : 4;
        if (r == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }
    }

    private bool PeekPrefix(string prefix) => string.CompareOrdinal(_text, _index, prefix, 0, prefix.Length) == 0;

    private Lexeme Peek() => _peeked ??= Lex();

    private Lexeme Next()
    {
        var l = Peek();
        _peeked = null;
        return l;
    }

    private static bool IsEol(Kind k) => k is Kind.Newline or Kind.Eof or Kind.EolComment;

    private static bool IsIdent(int c) => c switch
    {
        ' ' or '(' or ')' or '[' or ']' or '{' or '}' or ',' => false,
        < 0 => false,
        _ => !IsSpace(c) && IsPrint(c),
    };

    private static bool IsSpace(int c) => c <= 0xFFFF ? char.IsWhiteSpace((char)c) : false;

    private static bool IsPrint(int c)
    {
        if (c == ' ')
        {
            return true;
        }

        var cat = c <= 0xFFFF ? char.GetUnicodeCategory((char)c) : CharUnicodeInfo.GetUnicodeCategory(c);
        return cat switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }

    private Lexeme Lex()
    {
        while (!AtEof)
        {
            var c = PeekRuneSafe();
            if (c is ' ' or '\t' or '\r')
            {
                ReadRune();
                continue;
            }

            break;
        }

        var start = Here;
        if (AtEof)
        {
            return new Lexeme(Kind.Eof, "", start);
        }

        if (PeekPrefix("//"))
        {
            return LexComment(start);
        }

        var r = PeekRuneSafe();
        switch (r)
        {
            case '\n':
                ReadRune();
                return new Lexeme(Kind.Newline, "\n", start);
            case '(':
                ReadRune();
                return new Lexeme(Kind.LParen, "(", start);
            case ')':
                ReadRune();
                return new Lexeme(Kind.RParen, ")", start);
            case '[' or ']' or '{' or '}' or ',':
                ReadRune();
                return new Lexeme(Kind.Other, char.ConvertFromUtf32(r), start);
            case '"' or '`':
                return LexString(r, start);
        }

        if (!IsIdent(r))
        {
            throw Error(start, $"unexpected input character {QuoteRune(r)}");
        }

        return LexIdent(start);
    }

    /// <summary>A <c>//</c> comment: a line of its own owns its newline; after a token it is that line's suffix.</summary>
    private Lexeme LexComment(Position start)
    {
        var lineStart = _index == 0 ? 0 : _text.LastIndexOf('\n', Math.Max(0, _index - 1)) + 1;
        var suffix = _text.AsSpan(lineStart, _index - lineStart).Trim().Length > 0;
        var begin = _index;
        while (!AtEof && _text[_index] != '\n')
        {
            ReadRune();
        }

        var text = _text[begin.._index].TrimEnd('\r');
        if (!suffix && !AtEof)
        {
            ReadRune(); // a comment line owns its newline: only a blank line separates it from what follows
        }

        return new Lexeme(suffix ? Kind.EolComment : Kind.Comment, text, start);
    }

    /// <summary>A run of identifier characters, up to a <c>//</c> comment; <c>/*</c> is refused as Go refuses it.</summary>
    private Lexeme LexIdent(Position start)
    {
        var from = _index;
        while (IsIdent(PeekRuneSafe()))
        {
            if (PeekPrefix("//"))
            {
                break;
            }

            if (PeekPrefix("/*"))
            {
                throw Error(Here, "mod files must use // comments, not /* */ comments");
            }

            ReadRune();
        }

        return new Lexeme(Kind.Other, _text[from.._index], start);
    }

    private Lexeme LexString(int quote, Position start)
    {
        var from = _index;
        ReadRune();
        while (true)
        {
            if (AtEof)
            {
                throw Error(start, "unexpected EOF in string");
            }

            var c = PeekRuneSafe();
            if (c == '\n')
            {
                throw Error(Here, "unexpected newline in string");
            }

            ReadRune();
            if (c == quote)
            {
                break;
            }

            if (c == '\\' && quote != '`')
            {
                if (AtEof)
                {
                    throw Error(start, "unexpected EOF in string");
                }

                ReadRune();
            }
        }

        return new Lexeme(Kind.Other, _text[from.._index], start);
    }

    internal static string QuoteRune(int r)
    {
        if (r >= 0 && r != '\'' && r != '\\' && IsPrint(r))
        {
            return "'" + char.ConvertFromUtf32(r) + "'";
        }

        return r switch
        {
            '\'' => @"'\''",
            '\\' => @"'\\'",
            '\a' => @"'\a'",
            '\b' => @"'\b'",
            '\f' => @"'\f'",
            '\v' => @"'\v'",
            < 0x80 => $"'\\x{r:x2}'",
            <= 0xFFFF => $"'\\u{r:x4}'",
            _ => $"'\\U{r:x8}'",
        };
    }
}
