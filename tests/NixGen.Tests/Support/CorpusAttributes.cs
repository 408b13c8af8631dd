namespace NixGen.Tests.Support;

/// <summary>A fact that reads Go's parser corpus (../shared/corpus): skipped, saying why, in a clone without it.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (!Repo.HasCorpus)
        {
            Skip = Repo.NoCorpus;
        }
    }
}

/// <summary>A theory over Go's parser corpus (../shared/corpus): skipped, saying why, in a clone without it.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (!Repo.HasCorpus)
        {
            Skip = Repo.NoCorpus;
        }
    }
}
