using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ReportedData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ReportedBy",
                table: "xf_tickets",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "EnterpriseId",
                table: "xf_platform_clients",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "xf_exchange_batches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReportedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Records = table.Column<int>(type: "integer", nullable: false),
                    Stored = table.Column<int>(type: "integer", nullable: false),
                    Unchanged = table.Column<int>(type: "integer", nullable: false),
                    Rejected = table.Column<int>(type: "integer", nullable: false),
                    Tickets = table.Column<int>(type: "integer", nullable: false),
                    Atomic = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_exchange_batches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "xf_reported_records",
                columns: table => new
                {
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Data = table.Column<string>(type: "text", nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    BatchId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_reported_records", x => new { x.EnterpriseId, x.ExternalId, x.Sequence });
                });

            migrationBuilder.CreateIndex(
                name: "IX_xf_tickets_ReportedBy_ExternalId",
                table: "xf_tickets",
                columns: new[] { "ReportedBy", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_exchange_batches_EnterpriseId_ReceivedAt",
                table: "xf_exchange_batches",
                columns: new[] { "EnterpriseId", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "xf_exchange_batches");

            migrationBuilder.DropTable(
                name: "xf_reported_records");

            migrationBuilder.DropIndex(
                name: "IX_xf_tickets_ReportedBy_ExternalId",
                table: "xf_tickets");

            migrationBuilder.DropColumn(
                name: "ReportedBy",
                table: "xf_tickets");

            migrationBuilder.DropColumn(
                name: "EnterpriseId",
                table: "xf_platform_clients");
        }
    }
}
