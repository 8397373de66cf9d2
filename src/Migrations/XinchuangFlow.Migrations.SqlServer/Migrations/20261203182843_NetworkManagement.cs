using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.SqlServer.Migrations
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
                type: "nvarchar(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "Active",
                table: "xf_service_points",
                type: "bit",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "xf_service_points",
                type: "nvarchar(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OpeningHours",
                table: "xf_service_points",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "xf_service_points",
                type: "nvarchar(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Number",
                table: "xf_certificates",
                type: "nvarchar(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ScanId",
                table: "xf_certificates",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "xf_training_records",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TechnicianId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Course = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Hours = table.Column<decimal>(type: "decimal(6,1)", precision: 6, scale: 1, nullable: false),
                    Result = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false)
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
                unique: true,
                filter: "[Number] IS NOT NULL");

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
