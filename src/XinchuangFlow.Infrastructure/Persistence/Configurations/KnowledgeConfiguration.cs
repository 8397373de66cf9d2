using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using XinchuangFlow.Domain.Knowledge;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>Knowledge articles (KB-1), their revisions, citations, votes and the changes the search indexes follow.</summary>
internal sealed class KnowledgeArticleConfiguration : IEntityTypeConfiguration<KnowledgeArticle>
{
    public void Configure(EntityTypeBuilder<KnowledgeArticle> builder)
    {
        builder.ToTable("xf_kb_articles");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Number).HasMaxLength(20).IsRequired();
        builder.Property(x => x.Status).HasMaxLength(20);
        builder.Property(x => x.Author).HasMaxLength(256);
        builder.HasIndex(x => x.Number).IsUnique();
        builder.HasIndex(x => new { x.Status, x.EnterpriseId });
        builder.HasIndex(x => x.ReviewInstanceId);
    }
}

internal sealed class KnowledgeRevisionConfiguration : IEntityTypeConfiguration<KnowledgeRevision>
{
    public void Configure(EntityTypeBuilder<KnowledgeRevision> builder)
    {
        builder.ToTable("xf_kb_revisions");
        builder.HasKey(x => x.Id);
        builder.HasIndex(x => new { x.ArticleId, x.Number }).IsUnique();
        builder.Property(x => x.Kind).HasMaxLength(20);
        builder.Property(x => x.Title).HasMaxLength(ArticleContent.MaxTitle);
        builder.Property(x => x.EditedBy).HasMaxLength(256);
        builder.Property(x => x.ReviewedBy).HasMaxLength(256);
        builder.Property(x => x.Decision).HasMaxLength(20);
        builder.Property(x => x.Tags).HasConversion(
            v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
            s => JsonSerializer.Deserialize<List<string>>(s, (JsonSerializerOptions?)null) ?? new List<string>(),
            new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, t) => HashCode.Combine(h, t.GetHashCode())), v => v.ToList()));
        builder.Ignore(x => x.Content);
    }
}

internal sealed class KnowledgeCitationConfiguration : IEntityTypeConfiguration<KnowledgeCitation>
{
    public void Configure(EntityTypeBuilder<KnowledgeCitation> builder)
    {
        builder.ToTable("xf_kb_citations");
        builder.HasKey(x => new { x.TicketId, x.ArticleId });
        builder.Property(x => x.CitedBy).HasMaxLength(256);
        builder.HasIndex(x => x.ArticleId);
    }
}

internal sealed class KnowledgeVoteConfiguration : IEntityTypeConfiguration<KnowledgeVote>
{
    public void Configure(EntityTypeBuilder<KnowledgeVote> builder)
    {
        builder.ToTable("xf_kb_votes");
        builder.HasKey(x => new { x.ArticleId, x.User });
        builder.Property(x => x.User).HasMaxLength(256);
    }
}

internal sealed class KnowledgeChangeConfiguration : IEntityTypeConfiguration<KnowledgeChange>
{
    public void Configure(EntityTypeBuilder<KnowledgeChange> builder)
    {
        builder.ToTable("xf_kb_changes");
        builder.Property(x => x.Subject).HasMaxLength(16).HasDefaultValue(KnowledgeChange.Article);
        builder.HasKey(x => x.Sequence);
        builder.Property(x => x.Sequence).ValueGeneratedOnAdd();
        builder.HasIndex(x => x.ArticleId);
    }
}

internal sealed class RetiredPlatformConfiguration : IEntityTypeConfiguration<RetiredPlatform>
{
    public void Configure(EntityTypeBuilder<RetiredPlatform> builder)
    {
        builder.ToTable("xf_kb_retired_platforms");
        builder.HasKey(x => x.Tag);
        builder.Property(x => x.Tag).HasMaxLength(ArticleTags.MaxTagLength);
        builder.Property(x => x.By).HasMaxLength(256);
    }
}
