using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.Sqlite.Migrations
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnterpriseName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Window = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Satisfied = table.Column<double>(type: "REAL", nullable: false),
                    Ratings = table.Column<int>(type: "INTEGER", nullable: false),
                    Line = table.Column<double>(type: "REAL", nullable: false),
                    CrossedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecoveredAt = table.Column<long>(type: "INTEGER", nullable: true)
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
