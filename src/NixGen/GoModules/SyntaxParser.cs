using System.Text;

namespace NixGen.GoModules;

/// <summary>
/// Reads the line-and-block syntax shared by go.mod and go.work, with the same lexical rules and
/// error messages as Go's <c>golang.org/x/mod/modfile</c>.
/// </summary>
internal partial class SyntaxParser
{
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
