using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SupervisionReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ClosedAt",
                table: "xf_supervision_notices",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ExtendedDeadline",
                table: "xf_supervision_notices",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Late",
                table: "xf_supervision_notices",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Returns",
                table: "xf_supervision_notices",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ReviewComment",
                table: "xf_supervision_notices",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReviewedAt",
                table: "xf_supervision_notices",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedBy",
                table: "xf_supervision_notices",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            // A notice answered after its deadline before this version counts as late from now on too (the flag is kept once set).
            migrationBuilder.Sql("UPDATE xf_supervision_notices SET \"Late\" = 1 WHERE \"Status\" = 'answered-late'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "xf_supervision_notices");

            migrationBuilder.DropColumn(
                name: "ExtendedDeadline",
                table: "xf_supervision_notices");

            migrationBuilder.DropColumn(
                name: "Late",
                table: "xf_supervision_notices");

            migrationBuilder.DropColumn(
                name: "Returns",
                table: "xf_supervision_notices");

            migrationBuilder.DropColumn(
                name: "ReviewComment",
                table: "xf_supervision_notices");

            migrationBuilder.DropColumn(
                name: "ReviewedAt",
                table: "xf_supervision_notices");

            migrationBuilder.DropColumn(
                name: "ReviewedBy",
                table: "xf_supervision_notices");
        }
    }
}
