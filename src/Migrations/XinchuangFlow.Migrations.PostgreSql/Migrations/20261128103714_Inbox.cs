using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.PostgreSql.Migrations
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
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "CheckInLatitude",
                table: "xf_tickets",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "CheckInLongitude",
                table: "xf_tickets",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConfirmedBy",
                table: "xf_tickets",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NextClock",
                table: "xf_tickets",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextDueAt",
                table: "xf_tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextWarnAt",
                table: "xf_tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PartsUsed",
                table: "xf_tickets",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SetOutAt",
                table: "xf_tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "xf_attachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
