using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.PostgreSql.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    EnterpriseName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    AwardedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Total = table.Column<double>(type: "double precision", nullable: true),
                    Grade = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Consequence = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Returns = table.Column<int>(type: "integer", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SubmittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReviewComment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_buildout_evaluations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "xf_buildout_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Seq = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Item = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SelfAssessment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Measured = table.Column<string>(type: "text", nullable: true),
                    Suggested = table.Column<double>(type: "double precision", nullable: true),
                    Score = table.Column<double>(type: "double precision", nullable: true),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
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
