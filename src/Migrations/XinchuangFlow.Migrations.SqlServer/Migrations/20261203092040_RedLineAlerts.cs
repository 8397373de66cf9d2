using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class RedLineAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "xf_red_line_alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EnterpriseName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Window = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Period = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Satisfied = table.Column<double>(type: "float", nullable: false),
                    Ratings = table.Column<int>(type: "int", nullable: false),
                    Line = table.Column<double>(type: "float", nullable: false),
                    CrossedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RecoveredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_red_line_alerts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_xf_red_line_alerts_EnterpriseId_CrossedAt",
                table: "xf_red_line_alerts",
                columns: new[] { "EnterpriseId", "CrossedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_xf_red_line_alerts_RecoveredAt",
                table: "xf_red_line_alerts",
                column: "RecoveredAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "xf_red_line_alerts");
        }
    }
}
