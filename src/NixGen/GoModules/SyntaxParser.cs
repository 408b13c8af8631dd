using System.Globalization;
using System.Text;

namespace NixGen.GoModules;

/// <summary>
/// Reads the line-and-block syntax shared by go.mod and go.work, with the same lexical rules and
/// error messages as Go's <c>golang.org/x/mod/modfile</c>.
/// </summary>
public sealed class SyntaxParser
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

    private readonly string _file;
    private readonly string _text;
    private int _index;
    private int _line = 1;
    private int _column = 1;
    private int _byte;
    private Lexeme? _peeked;
    private readonly List<Statement> _statements = [];

    private SyntaxParser(string file, string text)
    {
        _file = file;
        _text = text;
    }

    /// <summary>Parses <paramref name="text"/> as the contents of <paramref name="file"/>.</summary>
    public static SyntaxFile Parse(string file, string text)
    {
        var parser = new SyntaxParser(file, text);
        parser.ParseFile();
        return new SyntaxFile(file, parser._statements);
    }

    /// <summary>Decodes file bytes as UTF-8, rejecting invalid encodings the way Go does.</summary>
    public static string Decode(string file, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var prefix = bytes[..Math.Max(0, e.Index)];
            var line = 1 + prefix.Count((byte)'\n');
            var col = 1 + prefix.Length - (prefix.LastIndexOf((byte)'\n') + 1);
            throw new GoModParseException(file, new Position(line, col, e.Index), "invalid UTF-8 encoding");
        }
    }

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
            var lineStart = _text.LastIndexOf('\n', Math.Max(0, _index - 1)) + 1;
            if (_index == 0)
            {
                lineStart = 0;
            }

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

    private void ParseFile()
    {
        CommentBlock? pending = null;
        while (true)
        {
            var next = Peek();
            switch (next.Kind)
            {
                case Kind.Newline:
                    Next();
                    if (pending is not null)
                    {
                        _statements.Add(pending);
                        pending = null;
                    }

                    break;
                case Kind.Comment:
                    Next();
                    pending ??= new CommentBlock(next.Start);
                    pending.Comments.Before.Add(new Comment(next.Start, next.Text));
                    break;
                case Kind.Eof:
                    if (pending is not null)
                    {
                        _statements.Add(pending);
                    }

                    return;
                default:
                    var stmt = ParseStatement();
                    if (pending is not null)
                    {
                        stmt.Comments.Before.AddRange(pending.Comments.Before);
                        pending = null;
                    }

                    break;
            }
        }
    }

    private Statement ParseStatement()
    {
        var tokens = new List<Token>();
        while (true)
        {
            var tok = Next();
            switch (tok.Kind)
            {
                case Kind.Newline or Kind.Eof or Kind.EolComment:
                    var line = new SyntaxLine(tokens);
                    if (tokens.Count == 0)
                    {
                        throw Error(tok.Start, "syntax error (unexpected end of line)");
                    }

                    _statements.Add(line);
                    AttachEol(tok, line.Comments);
                    return line;
                case Kind.LParen:
                    var after = Peek();
                    if (IsEol(after.Kind))
                    {
                        if (tokens.Count == 0)
                        {
                            throw Error(tok.Start, "syntax error (unexpected '(')");
                        }

                        var block = ParseBlock(tokens, tok);
                        _statements.Add(block);
                        return block;
                    }

                    if (after.Kind == Kind.RParen)
                    {
                        var rparen = Next();
                        var afterClose = Peek();
                        if (IsEol(afterClose.Kind) && tokens.Count > 0)
                        {
                            var end = Next();
                            var empty = new SyntaxBlock(tokens, []);
                            AttachEol(end, empty.CloseComments);
                            _statements.Add(empty);
                            return empty;
                        }

                        tokens.Add(new Token("(", tok.Start));
                        tokens.Add(new Token(")", rparen.Start));
                        break;
                    }

                    tokens.Add(new Token("(", tok.Start));
                    break;
                default:
                    tokens.Add(new Token(tok.Text, tok.Start));
                    break;
            }
        }
    }

    private void AttachEol(Lexeme end, Comments target)
    {
        if (end.Kind == Kind.EolComment)
        {
            target.Suffix.Add(new Comment(end.Start, end.Text));
            // The newline that ends the commented line.
            if (Peek().Kind == Kind.Newline)
            {
                Next();
            }
        }
    }

    private SyntaxBlock ParseBlock(List<Token> head, Lexeme lparen)
    {
        var lines = new List<SyntaxLine>();
        var blockComments = new Comments();
        var first = Next();
        if (first.Kind == Kind.EolComment)
        {
            blockComments.Suffix.Add(new Comment(first.Start, first.Text));
        }

        var comments = new List<Comment>();
        while (true)
        {
            var next = Peek();
            switch (next.Kind)
            {
                case Kind.EolComment:
                    Next();
                    break;
                case Kind.Newline:
                    Next();
                    if ((comments.Count == 0 && lines.Count > 0) || (comments.Count > 0 && !comments[^1].IsBlankLine))
                    {
                        comments.Add(new Comment(next.Start, ""));
                    }

                    break;
                case Kind.Comment:
                    Next();
                    comments.Add(new Comment(next.Start, next.Text));
                    break;
                case Kind.Eof:
                    throw Error(next.Start, $"syntax error (unterminated block started at {_file}:{head[0].Start.Line}:{head[0].Start.Column})");
                case Kind.RParen:
                    Next();
                    while (comments.Count > 0 && comments[^1].IsBlankLine)
                    {
                        comments.RemoveAt(comments.Count - 1);
                    }

                    var block = new SyntaxBlock(head, lines);
                    block.Comments.Suffix.AddRange(blockComments.Suffix);
                    block.CloseComments.Before.AddRange(comments);
                    var end = Peek();
                    if (!IsEol(end.Kind))
                    {
                        throw Error(end.Start, "syntax error (expected newline after closing paren)");
                    }

                    Next();
                    if (end.Kind == Kind.EolComment)
                    {
                        block.CloseComments.Suffix.Add(new Comment(end.Start, end.Text));
                        if (Peek().Kind == Kind.Newline)
                        {
                            Next();
                        }
                    }

                    return block;
                default:
                    var line = ParseBlockLine();
                    line.Comments.Before.AddRange(comments);
                    comments.Clear();
                    lines.Add(line);
                    break;
            }
        }
    }

    private SyntaxLine ParseBlockLine()
    {
        var tokens = new List<Token>();
        while (true)
        {
            var tok = Next();
            if (IsEol(tok.Kind))
            {
                var line = new SyntaxLine(tokens);
                AttachEol(tok, line.Comments);
                return line;
            }

            tokens.Add(new Token(tok.Text, tok.Start));
        }
    }
}
