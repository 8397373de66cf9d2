using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class DashboardGrains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The coarser rows are written by the fold: forget how far it got, so its next round folds every day again.
            migrationBuilder.Sql("DELETE FROM xf_dashboard_fold_mark");

            migrationBuilder.DropIndex(
                name: "IX_xf_daily_product_figures_CityCode_Day",
                table: "xf_daily_product_figures");

            migrationBuilder.DropIndex(
                name: "IX_xf_daily_product_figures_Day_CityCode_EnterpriseId_ProductCategory_Os_Cpu",
                table: "xf_daily_product_figures");

            migrationBuilder.DropIndex(
                name: "IX_xf_daily_product_figures_EnterpriseId_Day",
                table: "xf_daily_product_figures");

            migrationBuilder.DropIndex(
                name: "IX_xf_daily_figures_CityCode_Day",
                table: "xf_daily_figures");

            migrationBuilder.DropIndex(
                name: "IX_xf_daily_figures_Day_CountyCode_EnterpriseId",
                table: "xf_daily_figures");

            migrationBuilder.DropIndex(
                name: "IX_xf_daily_figures_EnterpriseId_Day",
                table: "xf_daily_figures");

            migrationBuilder.AddColumn<int>(
                name: "Grain",
                table: "xf_daily_product_figures",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Grain",
                table: "xf_daily_figures",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_xf_daily_product_figures_Grain_CityCode_Day",
                table: "xf_daily_product_figures",
                columns: new[] { "Grain", "CityCode", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_xf_daily_product_figures_Grain_Day_CityCode_EnterpriseId_ProductCategory_Os_Cpu",
                table: "xf_daily_product_figures",
                columns: new[] { "Grain", "Day", "CityCode", "EnterpriseId", "ProductCategory", "Os", "Cpu" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_daily_product_figures_Grain_EnterpriseId_Day",
                table: "xf_daily_product_figures",
                columns: new[] { "Grain", "EnterpriseId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_xf_daily_figures_Grain_CityCode_Day",
                table: "xf_daily_figures",
                columns: new[] { "Grain", "CityCode", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_xf_daily_figures_Grain_Day_CityCode_CountyCode_EnterpriseId",
                table: "xf_daily_figures",
                columns: new[] { "Grain", "Day", "CityCode", "CountyCode", "EnterpriseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_daily_figures_Grain_EnterpriseId_Day",
                table: "xf_daily_figures",
                columns: new[] { "Grain", "EnterpriseId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_xf_daily_product_figures_Grain_CityCode_Day",
                table: "xf_daily_product_figures");

            migrationBuilder.DropIndex(
                name: "IX_xf_daily_product_figures_Grain_Day_CityCode_EnterpriseId_ProductCategory_Os_Cpu",
                table: "xf_daily_product_figures");

            migrationBuilder.DropIndex(
                name: "IX_xf_daily_product_figures_Grain_EnterpriseId_Day",
                table: "xf_daily_product_figures");

            migrationBuilder.DropIndex(
                name: "IX_xf_daily_figures_Grain_CityCode_Day",
                table: "xf_daily_figures");

            migrationBuilder.DropIndex(
                name: "IX_xf_daily_figures_Grain_Day_CityCode_CountyCode_EnterpriseId",
                table: "xf_daily_figures");

            migrationBuilder.DropIndex(
                name: "IX_xf_daily_figures_Grain_EnterpriseId_Day",
                table: "xf_daily_figures");

            migrationBuilder.DropColumn(
                name: "Grain",
                table: "xf_daily_product_figures");

            migrationBuilder.DropColumn(
                name: "Grain",
                table: "xf_daily_figures");

            migrationBuilder.CreateIndex(
                name: "IX_xf_daily_product_figures_CityCode_Day",
                table: "xf_daily_product_figures",
                columns: new[] { "CityCode", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_xf_daily_product_figures_Day_CityCode_EnterpriseId_ProductCategory_Os_Cpu",
                table: "xf_daily_product_figures",
                columns: new[] { "Day", "CityCode", "EnterpriseId", "ProductCategory", "Os", "Cpu" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_daily_product_figures_EnterpriseId_Day",
                table: "xf_daily_product_figures",
                columns: new[] { "EnterpriseId", "Day" });

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
        }
    }
}
