using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AssessmentRounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "xf_assessment_results",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RoundId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Quarter = table.Column<string>(type: "nvarchar(6)", maxLength: 6, nullable: false),
                    Revision = table.Column<int>(type: "int", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EnterpriseName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    InstanceId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Total = table.Column<double>(type: "float", nullable: true),
                    ComputedGrade = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Grade = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    BelowRedLine = table.Column<bool>(type: "bit", nullable: false),
                    Score = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Objection = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    Evidence = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    ObjectedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ObjectedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Ruling = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    RulingReason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    RuledBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    RuledAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_assessment_results", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "xf_assessment_rounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Quarter = table.Column<string>(type: "nvarchar(6)", maxLength: 6, nullable: false),
                    Revision = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    InstanceId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ModelVersion = table.Column<int>(type: "int", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ObjectionUntil = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    StartedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_assessment_rounds", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_xf_assessment_results_EnterpriseId_Quarter",
                table: "xf_assessment_results",
                columns: new[] { "EnterpriseId", "Quarter" });

            migrationBuilder.CreateIndex(
                name: "IX_xf_assessment_results_InstanceId",
                table: "xf_assessment_results",
                column: "InstanceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_assessment_results_RoundId_EnterpriseId",
                table: "xf_assessment_results",
                columns: new[] { "RoundId", "EnterpriseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_assessment_rounds_InstanceId",
                table: "xf_assessment_rounds",
                column: "InstanceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_assessment_rounds_Quarter_Revision",
                table: "xf_assessment_rounds",
                columns: new[] { "Quarter", "Revision" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "xf_assessment_results");

            migrationBuilder.DropTable(
                name: "xf_assessment_rounds");
        }
    }
}
