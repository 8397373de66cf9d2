using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BuildOutEvaluation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "xf_buildout_evaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnterpriseName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    AwardedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Total = table.Column<double>(type: "REAL", nullable: true),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Consequence = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Returns = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReviewComment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_buildout_evaluations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "xf_buildout_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Seq = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Item = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_buildout_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_xf_buildout_events_xf_buildout_evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "xf_buildout_evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "xf_buildout_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SelfAssessment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Measured = table.Column<string>(type: "TEXT", nullable: true),
                    Suggested = table.Column<double>(type: "REAL", nullable: true),
                    Score = table.Column<double>(type: "REAL", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_buildout_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_xf_buildout_items_xf_buildout_evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "xf_buildout_evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_xf_buildout_evaluations_EnterpriseId_Round",
                table: "xf_buildout_evaluations",
                columns: new[] { "EnterpriseId", "Round" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_buildout_events_EvaluationId_Seq",
                table: "xf_buildout_events",
                columns: new[] { "EvaluationId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_buildout_items_EvaluationId_Code",
                table: "xf_buildout_items",
                columns: new[] { "EvaluationId", "Code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "xf_buildout_events");

            migrationBuilder.DropTable(
                name: "xf_buildout_items");

            migrationBuilder.DropTable(
                name: "xf_buildout_evaluations");
        }
    }
}
