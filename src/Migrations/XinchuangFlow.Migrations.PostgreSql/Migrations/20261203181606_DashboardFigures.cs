using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace XinchuangFlow.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class DashboardFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "xf_daily_figures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    CityCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    CountyCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Created = table.Column<int>(type: "integer", nullable: false),
                    Reported = table.Column<int>(type: "integer", nullable: false),
                    Closed = table.Column<int>(type: "integer", nullable: false),
                    OnSiteDue = table.Column<int>(type: "integer", nullable: false),
                    OnSiteMet = table.Column<int>(type: "integer", nullable: false),
                    SameCityDue = table.Column<int>(type: "integer", nullable: false),
                    SameCityMet = table.Column<int>(type: "integer", nullable: false),
                    OtherCityDue = table.Column<int>(type: "integer", nullable: false),
                    OtherCityMet = table.Column<int>(type: "integer", nullable: false),
                    SatisfactionSum = table.Column<int>(type: "integer", nullable: false),
                    SatisfactionCount = table.Column<int>(type: "integer", nullable: false),
                    Dissatisfied = table.Column<int>(type: "integer", nullable: false),
                    Complaints = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_daily_figures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "xf_daily_product_figures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    CityCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProductCategory = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Os = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Cpu = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Created = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_daily_product_figures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "xf_dashboard_fold_mark",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    FoldedTo = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_dashboard_fold_mark", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_xf_tickets_ClosedAt",
                table: "xf_tickets",
                column: "ClosedAt");

            migrationBuilder.CreateIndex(
                name: "IX_xf_tickets_OnSiteDueAt",
                table: "xf_tickets",
                column: "OnSiteDueAt");

            migrationBuilder.CreateIndex(
                name: "IX_xf_tickets_Status_CountyCode",
                table: "xf_tickets",
                columns: new[] { "Status", "CountyCode" });

            migrationBuilder.CreateIndex(
                name: "IX_xf_tickets_UpdatedAt",
                table: "xf_tickets",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_xf_daily_figures_CityCode_Day",
                table: "xf_daily_figures",
                columns: new[] { "CityCode", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_xf_daily_figures_Day_CountyCode_EnterpriseId",
                table: "xf_daily_figures",
                columns: new[] { "Day", "CountyCode", "EnterpriseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_daily_figures_EnterpriseId_Day",
                table: "xf_daily_figures",
                columns: new[] { "EnterpriseId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_xf_daily_product_figures_CityCode_Day",
                table: "xf_daily_product_figures",
                columns: new[] { "CityCode", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_xf_daily_product_figures_Day_CityCode_EnterpriseId_ProductC~",
                table: "xf_daily_product_figures",
                columns: new[] { "Day", "CityCode", "EnterpriseId", "ProductCategory", "Os", "Cpu" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_daily_product_figures_EnterpriseId_Day",
                table: "xf_daily_product_figures",
                columns: new[] { "EnterpriseId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "xf_daily_figures");

            migrationBuilder.DropTable(
                name: "xf_daily_product_figures");

            migrationBuilder.DropTable(
                name: "xf_dashboard_fold_mark");

            migrationBuilder.DropIndex(
                name: "IX_xf_tickets_ClosedAt",
                table: "xf_tickets");

            migrationBuilder.DropIndex(
                name: "IX_xf_tickets_OnSiteDueAt",
                table: "xf_tickets");

            migrationBuilder.DropIndex(
                name: "IX_xf_tickets_Status_CountyCode",
                table: "xf_tickets");

            migrationBuilder.DropIndex(
                name: "IX_xf_tickets_UpdatedAt",
                table: "xf_tickets");
        }
    }
}
