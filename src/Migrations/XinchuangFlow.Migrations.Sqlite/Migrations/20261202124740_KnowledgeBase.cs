using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class KnowledgeBase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "xf_kb_articles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Author = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    WorkingRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedRevision = table.Column<int>(type: "INTEGER", nullable: true),
                    ReviewInstanceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SolvedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    UsefulYes = table.Column<int>(type: "INTEGER", nullable: false),
                    UsefulNo = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_kb_articles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "xf_kb_changes",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ArticleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_kb_changes", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "xf_kb_citations",
                columns: table => new
                {
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArticleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CitedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_kb_citations", x => new { x.TicketId, x.ArticleId });
                });

            migrationBuilder.CreateTable(
                name: "xf_kb_revisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArticleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Symptom = table.Column<string>(type: "TEXT", nullable: true),
                    Cause = table.Column<string>(type: "TEXT", nullable: true),
                    Steps = table.Column<string>(type: "TEXT", nullable: false),
                    Tags = table.Column<string>(type: "TEXT", nullable: false),
                    ForUsers = table.Column<bool>(type: "INTEGER", nullable: false),
                    EditedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    EditedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ReviewComment = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_kb_revisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "xf_kb_votes",
                columns: table => new
                {
                    ArticleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    User = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Useful = table.Column<bool>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_kb_votes", x => new { x.ArticleId, x.User });
                });

            migrationBuilder.CreateIndex(
                name: "IX_xf_kb_articles_Number",
                table: "xf_kb_articles",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_kb_articles_ReviewInstanceId",
                table: "xf_kb_articles",
                column: "ReviewInstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_xf_kb_articles_Status_EnterpriseId",
                table: "xf_kb_articles",
                columns: new[] { "Status", "EnterpriseId" });

            migrationBuilder.CreateIndex(
                name: "IX_xf_kb_changes_ArticleId",
                table: "xf_kb_changes",
                column: "ArticleId");

            migrationBuilder.CreateIndex(
                name: "IX_xf_kb_citations_ArticleId",
                table: "xf_kb_citations",
                column: "ArticleId");

            migrationBuilder.CreateIndex(
                name: "IX_xf_kb_revisions_ArticleId_Number",
                table: "xf_kb_revisions",
                columns: new[] { "ArticleId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "xf_kb_articles");

            migrationBuilder.DropTable(
                name: "xf_kb_changes");

            migrationBuilder.DropTable(
                name: "xf_kb_citations");

            migrationBuilder.DropTable(
                name: "xf_kb_revisions");

            migrationBuilder.DropTable(
                name: "xf_kb_votes");
        }
    }
}
