using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.PostgreSql.Migrations
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
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "xf_audit",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrevHash",
                table: "xf_audit",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SealOrder",
                table: "xf_audit",
                type: "bigint",
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
CREATE OR REPLACE FUNCTION xf_audit_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'xf_audit is append-only: lines are never deleted'; END IF;
  IF OLD."Hash" IS NOT NULL OR NEW."At" IS DISTINCT FROM OLD."At" OR NEW."User" IS DISTINCT FROM OLD."User" OR NEW."Address" IS DISTINCT FROM OLD."Address" OR NEW."EntityKind" IS DISTINCT FROM OLD."EntityKind" OR NEW."EntityId" IS DISTINCT FROM OLD."EntityId" OR NEW."Action" IS DISTINCT FROM OLD."Action" OR NEW."Comment" IS DISTINCT FROM OLD."Comment" OR NEW."Version" IS DISTINCT FROM OLD."Version" OR NEW."Before" IS DISTINCT FROM OLD."Before" OR NEW."After" IS DISTINCT FROM OLD."After" THEN
    RAISE EXCEPTION 'xf_audit is append-only: a line is never changed (only sealed once)';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER xf_audit_guard BEFORE UPDATE OR DELETE ON xf_audit FOR EACH ROW EXECUTE FUNCTION xf_audit_guard();
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
DROP TRIGGER IF EXISTS xf_audit_guard ON xf_audit;
DROP FUNCTION IF EXISTS xf_audit_guard();
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
