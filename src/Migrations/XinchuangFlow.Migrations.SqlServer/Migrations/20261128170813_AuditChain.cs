using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.SqlServer.Migrations
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
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "xf_audit",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrevHash",
                table: "xf_audit",
                type: "nvarchar(64)",
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
                unique: true,
                filter: "[SealOrder] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_xf_audit_User",
                table: "xf_audit",
                column: "User");
            migrationBuilder.Sql("""
CREATE TRIGGER xf_audit_guard ON xf_audit AFTER UPDATE, DELETE AS
BEGIN
  SET NOCOUNT ON;
  IF EXISTS (SELECT 1 FROM deleted d LEFT JOIN inserted i ON i.[Id] = d.[Id]
             WHERE i.[Id] IS NULL OR d.[Hash] IS NOT NULL OR NOT ((i.[At] = d.[At]) OR (i.[At] IS NULL AND d.[At] IS NULL)) OR NOT ((i.[User] = d.[User]) OR (i.[User] IS NULL AND d.[User] IS NULL)) OR NOT ((i.[Address] = d.[Address]) OR (i.[Address] IS NULL AND d.[Address] IS NULL)) OR NOT ((i.[EntityKind] = d.[EntityKind]) OR (i.[EntityKind] IS NULL AND d.[EntityKind] IS NULL)) OR NOT ((i.[EntityId] = d.[EntityId]) OR (i.[EntityId] IS NULL AND d.[EntityId] IS NULL)) OR NOT ((i.[Action] = d.[Action]) OR (i.[Action] IS NULL AND d.[Action] IS NULL)) OR NOT ((i.[Comment] = d.[Comment]) OR (i.[Comment] IS NULL AND d.[Comment] IS NULL)) OR NOT ((i.[Version] = d.[Version]) OR (i.[Version] IS NULL AND d.[Version] IS NULL)) OR NOT ((i.[Before] = d.[Before]) OR (i.[Before] IS NULL AND d.[Before] IS NULL)) OR NOT ((i.[After] = d.[After]) OR (i.[After] IS NULL AND d.[After] IS NULL)))
  BEGIN
    RAISERROR('xf_audit is append-only', 16, 1);
    ROLLBACK TRANSACTION;
  END
END
""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
DROP TRIGGER IF EXISTS xf_audit_guard;
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
