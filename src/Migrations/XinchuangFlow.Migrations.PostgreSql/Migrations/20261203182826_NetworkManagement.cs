using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class NetworkManagement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "Categories",
                table: "xf_technicians",
                type: "text[]",
                maxLength: 400,
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<bool>(
                name: "Active",
                table: "xf_service_points",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "xf_service_points",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OpeningHours",
                table: "xf_service_points",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "xf_service_points",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Number",
                table: "xf_certificates",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ScanId",
                table: "xf_certificates",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "xf_training_records",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TechnicianId = table.Column<Guid>(type: "uuid", nullable: false),
                    Course = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Hours = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: false),
                    Result = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
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
