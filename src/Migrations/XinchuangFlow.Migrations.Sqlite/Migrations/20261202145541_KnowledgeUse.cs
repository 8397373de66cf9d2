using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "article");

            migrationBuilder.CreateTable(
                name: "xf_kb_retired_platforms",
                columns: table => new
                {
                    Tag = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_kb_retired_platforms", x => x.Tag);
                });

            // Tickets resolved before resolved tickets were searchable join every node's index through the change feed.
            migrationBuilder.Sql("INSERT INTO xf_kb_changes (ArticleId, Subject, At) SELECT Id, 'ticket', UpdatedAt FROM xf_tickets WHERE Resolution IS NOT NULL ORDER BY UpdatedAt;");
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "UsefulNo",
                table: "xf_kb_articles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "UsefulYes",
                table: "xf_kb_articles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }
    }
}
