using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "xf_audit",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "xf_audit",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrevHash",
                table: "xf_audit",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SealOrder",
                table: "xf_audit",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_audit_At",
                table: "xf_audit",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_xf_audit_SealOrder",
                table: "xf_audit",
                column: "SealOrder",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_audit_User",
                table: "xf_audit",
                column: "User");
            migrationBuilder.Sql("""
CREATE TRIGGER xf_audit_no_delete BEFORE DELETE ON xf_audit
BEGIN SELECT RAISE(ABORT, 'xf_audit is append-only: lines are never deleted'); END;
CREATE TRIGGER xf_audit_no_change BEFORE UPDATE ON xf_audit
WHEN OLD."Hash" IS NOT NULL OR NEW."At" IS NOT OLD."At" OR NEW."User" IS NOT OLD."User" OR NEW."Address" IS NOT OLD."Address" OR NEW."EntityKind" IS NOT OLD."EntityKind" OR NEW."EntityId" IS NOT OLD."EntityId" OR NEW."Action" IS NOT OLD."Action" OR NEW."Comment" IS NOT OLD."Comment" OR NEW."Version" IS NOT OLD."Version" OR NEW."Before" IS NOT OLD."Before" OR NEW."After" IS NOT OLD."After"
BEGIN SELECT RAISE(ABORT, 'xf_audit is append-only: a line is never changed (only sealed once)'); END;
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
DROP TRIGGER IF EXISTS xf_audit_no_delete;
DROP TRIGGER IF EXISTS xf_audit_no_change;
""");
            migrationBuilder.DropIndex(
                name: "IX_xf_audit_At",
                table: "xf_audit");

            migrationBuilder.DropIndex(
                name: "IX_xf_audit_SealOrder",
                table: "xf_audit");

            migrationBuilder.DropIndex(
                name: "IX_xf_audit_User",
                table: "xf_audit");

            migrationBuilder.DropColumn(
                name: "Address",
                table: "xf_audit");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "xf_audit");

            migrationBuilder.DropColumn(
                name: "PrevHash",
                table: "xf_audit");

            migrationBuilder.DropColumn(
                name: "SealOrder",
                table: "xf_audit");
        }
    }
}
