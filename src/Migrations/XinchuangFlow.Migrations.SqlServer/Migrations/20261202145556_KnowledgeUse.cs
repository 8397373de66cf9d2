using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class KnowledgeUse : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SolvedCount",
                table: "xf_kb_articles");

            migrationBuilder.DropColumn(
                name: "UsefulNo",
                table: "xf_kb_articles");

            migrationBuilder.DropColumn(
                name: "UsefulYes",
                table: "xf_kb_articles");

            migrationBuilder.AddColumn<string>(
                name: "Subject",
                table: "xf_kb_changes",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "article");

            migrationBuilder.CreateTable(
                name: "xf_kb_retired_platforms",
                columns: table => new
                {
                    Tag = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    By = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_kb_retired_platforms", x => x.Tag);
                });

            // Tickets resolved before resolved tickets were searchable join every node's index through the change feed.
            migrationBuilder.Sql("INSERT INTO [xf_kb_changes] ([ArticleId], [Subject], [At]) SELECT [Id], N'ticket', [UpdatedAt] FROM [xf_tickets] WHERE [Resolution] IS NOT NULL ORDER BY [UpdatedAt];");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "xf_kb_retired_platforms");

            migrationBuilder.DropColumn(
                name: "Subject",
                table: "xf_kb_changes");

            migrationBuilder.AddColumn<int>(
                name: "SolvedCount",
                table: "xf_kb_articles",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "UsefulNo",
                table: "xf_kb_articles",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "UsefulYes",
                table: "xf_kb_articles",
                type: "int",
                nullable: false,
                defaultValue: 0);
        }
    }
}
