using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Liaisons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "xf_certificate_reminders",
                columns: table => new
                {
                    TechnicianId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ProductCategory = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    Threshold = table.Column<int>(type: "int", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_certificate_reminders", x => new { x.TechnicianId, x.ProductCategory, x.ValidUntil, x.Threshold });
                });

            migrationBuilder.CreateTable(
                name: "xf_liaisons",
                columns: table => new
                {
                    Party = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(228)", maxLength: 228, nullable: false),
                    Phone = table.Column<string>(type: "nvarchar(148)", maxLength: 148, nullable: false),
                    DeputyName = table.Column<string>(type: "nvarchar(228)", maxLength: 228, nullable: true),
                    DeputyPhone = table.Column<string>(type: "nvarchar(148)", maxLength: 148, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_liaisons", x => x.Party);
                });

            migrationBuilder.CreateIndex(
                name: "IX_xf_certificate_reminders_ValidUntil",
                table: "xf_certificate_reminders",
                column: "ValidUntil");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "xf_certificate_reminders");

            migrationBuilder.DropTable(
                name: "xf_liaisons");
        }
    }
}
