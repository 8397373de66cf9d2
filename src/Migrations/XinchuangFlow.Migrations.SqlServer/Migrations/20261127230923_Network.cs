using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Network : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "xf_enterprises",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_enterprises", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "xf_service_points",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    CountyCode = table.Column<string>(type: "nvarchar(6)", maxLength: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_service_points", x => x.Id);
                    table.ForeignKey(
                        name: "FK_xf_service_points_xf_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "xf_enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "xf_technicians",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ServicePointId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    CapabilityLevel = table.Column<int>(type: "int", nullable: false),
                    Active = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_technicians", x => x.Id);
                    table.ForeignKey(
                        name: "FK_xf_technicians_xf_enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "xf_enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_xf_technicians_xf_service_points_ServicePointId",
                        column: x => x.ServicePointId,
                        principalTable: "xf_service_points",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "xf_certificates",
                columns: table => new
                {
                    TechnicianId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ProductCategory = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_certificates", x => new { x.TechnicianId, x.ProductCategory, x.ValidFrom });
                    table.ForeignKey(
                        name: "FK_xf_certificates_xf_technicians_TechnicianId",
                        column: x => x.TechnicianId,
                        principalTable: "xf_technicians",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_xf_enterprises_Name",
                table: "xf_enterprises",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_service_points_EnterpriseId_CountyCode",
                table: "xf_service_points",
                columns: new[] { "EnterpriseId", "CountyCode" });

            migrationBuilder.CreateIndex(
                name: "IX_xf_technicians_EnterpriseId",
                table: "xf_technicians",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_xf_technicians_ServicePointId",
                table: "xf_technicians",
                column: "ServicePointId");

            migrationBuilder.CreateIndex(
                name: "IX_xf_technicians_UserName",
                table: "xf_technicians",
                column: "UserName",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "xf_certificates");

            migrationBuilder.DropTable(
                name: "xf_technicians");

            migrationBuilder.DropTable(
                name: "xf_service_points");

            migrationBuilder.DropTable(
                name: "xf_enterprises");
        }
    }
}
