using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Inbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "CheckInAccuracy",
                table: "xf_tickets",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "CheckInLatitude",
                table: "xf_tickets",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "CheckInLongitude",
                table: "xf_tickets",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConfirmedBy",
                table: "xf_tickets",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NextClock",
                table: "xf_tickets",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NextDueAt",
                table: "xf_tickets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NextWarnAt",
                table: "xf_tickets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PartsUsed",
                table: "xf_tickets",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SetOutAt",
                table: "xf_tickets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "xf_attachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_attachments", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_xf_attachments_CaseId_Sha256",
                table: "xf_attachments",
                columns: new[] { "CaseId", "Sha256" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "xf_attachments");

            migrationBuilder.DropColumn(
                name: "CheckInAccuracy",
                table: "xf_tickets");

            migrationBuilder.DropColumn(
                name: "CheckInLatitude",
                table: "xf_tickets");

            migrationBuilder.DropColumn(
                name: "CheckInLongitude",
                table: "xf_tickets");

            migrationBuilder.DropColumn(
                name: "ConfirmedBy",
                table: "xf_tickets");

            migrationBuilder.DropColumn(
                name: "NextClock",
                table: "xf_tickets");

            migrationBuilder.DropColumn(
                name: "NextDueAt",
                table: "xf_tickets");

            migrationBuilder.DropColumn(
                name: "NextWarnAt",
                table: "xf_tickets");

            migrationBuilder.DropColumn(
                name: "PartsUsed",
                table: "xf_tickets");

            migrationBuilder.DropColumn(
                name: "SetOutAt",
                table: "xf_tickets");
        }
    }
}
