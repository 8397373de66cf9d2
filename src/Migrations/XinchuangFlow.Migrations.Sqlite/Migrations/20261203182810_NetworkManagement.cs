using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class NetworkManagement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Categories",
                table: "xf_technicians",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "Active",
                table: "xf_service_points",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "xf_service_points",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OpeningHours",
                table: "xf_service_points",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "xf_service_points",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Number",
                table: "xf_certificates",
                type: "TEXT",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ScanId",
                table: "xf_certificates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "xf_training_records",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TechnicianId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Course = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Hours = table.Column<decimal>(type: "TEXT", precision: 6, scale: 1, nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_training_records", x => x.Id);
                    table.ForeignKey(
                        name: "FK_xf_training_records_xf_technicians_TechnicianId",
                        column: x => x.TechnicianId,
                        principalTable: "xf_technicians",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_xf_certificates_Number",
                table: "xf_certificates",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_training_records_TechnicianId",
                table: "xf_training_records",
                column: "TechnicianId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "xf_training_records");

            migrationBuilder.DropIndex(
                name: "IX_xf_certificates_Number",
                table: "xf_certificates");

            migrationBuilder.DropColumn(
                name: "Categories",
                table: "xf_technicians");

            migrationBuilder.DropColumn(
                name: "Active",
                table: "xf_service_points");

            migrationBuilder.DropColumn(
                name: "Address",
                table: "xf_service_points");

            migrationBuilder.DropColumn(
                name: "OpeningHours",
                table: "xf_service_points");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "xf_service_points");

            migrationBuilder.DropColumn(
                name: "Number",
                table: "xf_certificates");

            migrationBuilder.DropColumn(
                name: "ScanId",
                table: "xf_certificates");
        }
    }
}
