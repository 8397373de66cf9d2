using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.PostgreSql.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    Quarter = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    EnterpriseName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Total = table.Column<double>(type: "double precision", nullable: true),
                    ComputedGrade = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Grade = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    BelowRedLine = table.Column<bool>(type: "boolean", nullable: false),
                    Score = table.Column<string>(type: "text", nullable: false),
                    Objection = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Evidence = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ObjectedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ObjectedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Ruling = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    RulingReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RuledBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RuledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_assessment_results", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "xf_assessment_rounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Quarter = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    ModelVersion = table.Column<int>(type: "integer", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ObjectionUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    StartedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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
